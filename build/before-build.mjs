/**
 * electron-builder's beforeBuild hook. esbuild and vite have already bundled everything the app
 * runs into dist/, so answering false tells electron-builder to copy no node_modules into the
 * package (the server's and the build tools' dependencies would only bloat it) and to rebuild
 * no native modules (there are none).
 */
export default async function beforeBuild() {
  return false;
}
