import { expect, type Locator, type Page } from '@playwright/test';

export interface NewMember {
  kind?: 'elder' | 'child';
  name: string;
  gender: 'M' | 'F';
  birthDate: string;
  idNumber?: string;
  phone?: string;
}

/** The desk as a receptionist sees it, in Chinese (the default language). */
export class DeskPage {
  readonly finder: Locator;
  readonly inBuilding: Locator;
  readonly statusBar: Locator;

  constructor(readonly page: Page) {
    this.finder = page.getByRole('textbox', {
      name: '查找成员（姓名、拼音、首字母、手机号或扫码）',
    });
    this.inBuilding = page.getByRole('list', { name: '在馆人员' });
    this.statusBar = page.locator('footer.statusbar');
  }

  async open(): Promise<void> {
    await this.page.goto('/');
    await expect(this.finder).toBeVisible();
  }

  async goTo(tab: '签到签退' | '登记新成员' | '设置'): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'main' })
      .getByRole('button', { name: tab })
      .click();
  }

  async register(member: NewMember): Promise<void> {
    await this.goTo('登记新成员');
    const form = this.page.getByRole('form', { name: '登记新成员' });
    await form.getByLabel(member.kind === 'child' ? '幼儿' : '老人').check();
    await form.getByLabel('姓名').fill(member.name);
    if (member.idNumber) await form.getByLabel('身份证号（可选）').fill(member.idNumber);
    await form.getByLabel(member.gender === 'M' ? '男' : '女').check();
    await form.getByLabel('出生日期').fill(member.birthDate);
    if (member.phone) await form.getByLabel('手机号（可选）').fill(member.phone);
    await form.getByRole('button', { name: '保存' }).click();
    await expect(
      this.page.getByRole('status').filter({ hasText: `已登记 ${member.name}` }),
    ).toBeVisible();
  }

  /** Types into the finder and presses Enter, as a barcode scanner or a fast receptionist does. */
  async checkInByTyping(text: string): Promise<void> {
    await this.goTo('签到签退');
    await this.finder.fill(text);
    await this.finder.press('Enter');
  }

  presentRow(name: string): Locator {
    return this.inBuilding.getByRole('listitem').filter({ hasText: name });
  }

  async checkOut(name: string): Promise<void> {
    await this.presentRow(name).getByRole('button', { name: '签退' }).click();
    await expect(this.page.getByRole('status').filter({ hasText: `${name} 已签退` })).toBeVisible();
  }

  async enrol(districtUrl: string, code: string): Promise<void> {
    await this.goTo('设置');
    await this.page.getByLabel('区级服务器地址').fill(districtUrl);
    await this.page.getByLabel('一次性登记码').fill(code);
    await this.page.getByRole('button', { name: '登记本机' }).click();
  }

  async expectSynced(): Promise<void> {
    await expect(this.statusBar).toHaveAttribute('data-sync-mode', 'online', { timeout: 20_000 });
    await expect(this.statusBar.locator('.pending')).toHaveAttribute('data-pending', '0', {
      timeout: 20_000,
    });
  }
}
