/** The application menu: editing shortcuts, zoom, full screen; reload and DevTools only in dev. */
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuInput {
  isDev: boolean;
  isMac: boolean;
}

export function menuTemplate({ isDev, isMac }: MenuInput): MenuItemConstructorOptions[] {
  const appMenu: MenuItemConstructorOptions = isMac
    ? {
        label: 'CoCare Desk',
        submenu: [
          { role: 'about', label: '关于 CoCare Desk' },
          { type: 'separator' },
          { role: 'hide', label: '隐藏' },
          { role: 'quit', label: '退出' },
        ],
      }
    : { label: '文件', submenu: [{ role: 'quit', label: '退出' }] };
  const devItems: MenuItemConstructorOptions[] = isDev
    ? [
        { role: 'reload', label: '重新载入' },
        { role: 'forceReload', label: '强制重新载入' },
        { role: 'toggleDevTools', label: '开发者工具' },
        { type: 'separator' },
      ]
    : [];
  return [
    appMenu,
    {
      label: '编辑',
      submenu: [
        { role: 'undo', label: '撤销' },
        { role: 'redo', label: '重做' },
        { type: 'separator' },
        { role: 'cut', label: '剪切' },
        { role: 'copy', label: '复制' },
        { role: 'paste', label: '粘贴' },
        { role: 'selectAll', label: '全选' },
      ],
    },
    {
      label: '视图',
      submenu: [
        ...devItems,
        { role: 'resetZoom', label: '实际大小' },
        { role: 'zoomIn', label: '放大' },
        { role: 'zoomOut', label: '缩小' },
        { type: 'separator' },
        { role: 'togglefullscreen', label: '全屏' },
      ],
    },
    {
      label: '窗口',
      submenu: [
        { role: 'minimize', label: '最小化' },
        { role: 'close', label: '关闭' },
      ],
    },
  ];
}
