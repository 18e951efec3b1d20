import fs from 'node:fs/promises';
import path from 'node:path';
import QRCode from 'qrcode';

export const loginCodeFile = 'wechat-login.png';

/**
 * Shows the code that logs the bot's WeChat account in: drawn in the terminal for whoever runs
 * Linli, and saved as a picture in the data folder for a server without one. Returns the file.
 */
export async function showLoginCode(value: string, dataDir: string, print: (text: string) => void): Promise<string> {
  const file = path.join(dataDir, loginCodeFile);
  await fs.mkdir(dataDir, { recursive: true });
  await QRCode.toFile(file, value, { type: 'png', margin: 2, width: 360 });
  print(await QRCode.toString(value, { type: 'terminal', small: true }));
  return file;
}
