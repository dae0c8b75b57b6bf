// electron-builder afterPack hook: flips Electron's fuses in the packed binary, before signing (so
// the signature covers the flipped bytes). Fuses are compiled-in switches that no command line,
// environment variable or file next to the app can turn back on.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- electron-builder require()s its hooks, so this one is CommonJS. */

const path = require('node:path');
const { flipFuses, FuseV1Options, FuseVersion } = require('@electron/fuses');

// electron-builder's Arch enum: ia32 = 0, x64 = 1, armv7l = 2, arm64 = 3, universal = 4.
const ARM64 = 3;
const UNIVERSAL = 4;

/** The fuse wire for a platform/arch; exported so a unit test can read it without packaging. */
function fuseConfig(platformName, arch) {
  return {
    version: FuseVersion.V1,
    // Flipping bytes breaks the ad-hoc signature Apple silicon requires even for unsigned runs.
    resetAdHocDarwinSignature: platformName === 'darwin' && (arch === ARM64 || arch === UNIVERSAL),
    // ELECTRON_RUN_AS_NODE would turn the signed app into a general-purpose Node interpreter.
    [FuseV1Options.RunAsNode]: false,
    // NODE_OPTIONS could preload arbitrary code into main, where the credentials are.
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    // --inspect would let anyone on the till attach a debugger to main and read the credentials.
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    // Only the shipped app.asar may be loaded, not an app/ folder dropped next to it...
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    // ...and only if its hash matches what was signed (macOS and Windows).
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    // Cookies and local storage encrypted at rest with the OS key store.
    [FuseV1Options.EnableCookieEncryption]: true,
    // The app serves itself over app://; file:// needs none of its historical extra powers.
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  };
}

/** Path of the Electron binary electron-builder just packed, per platform. */
function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const productFilename = packager.appInfo.productFilename;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') {
    return path.join(appOutDir, `${productFilename}.app`);
  }
  if (electronPlatformName === 'win32') return path.join(appOutDir, `${productFilename}.exe`);
  return path.join(appOutDir, packager.executableName);
}

async function afterPack(context) {
  await flipFuses(electronBinaryPath(context), fuseConfig(context.electronPlatformName, context.arch));
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.fuseConfig = fuseConfig;
module.exports.electronBinaryPath = electronBinaryPath;
