import fs from 'fs';

type Env = { (name: string, fallback?: string): string | undefined };

/**
 * nodemailer's `dkim` transport option from the environment, or undefined (no signing).
 * - SMTP_DKIM_DOMAIN: the signing domain (`d=`), the sender's domain or a parent of it (DMARC);
 * - SMTP_DKIM_SELECTOR: the selector (`s=`), published as `<selector>._domainkey.<domain>` TXT;
 * - SMTP_DKIM_PRIVATE_KEY_FILE: the PEM private key (or SMTP_DKIM_PRIVATE_KEY, the PEM itself).
 * A half-set configuration stops start-up: unsigned mail would otherwise leave unnoticed.
 */
export const dkimOptions = (env: Env) => {
  const domainName = env('SMTP_DKIM_DOMAIN');
  const keySelector = env('SMTP_DKIM_SELECTOR');
  const keyFile = env('SMTP_DKIM_PRIVATE_KEY_FILE');
  const inline = env('SMTP_DKIM_PRIVATE_KEY');
  if (!domainName && !keySelector && !keyFile && !inline) return undefined;
  if (!domainName || !keySelector || (!keyFile && !inline)) {
    throw new Error('DKIM: set SMTP_DKIM_DOMAIN, SMTP_DKIM_SELECTOR and SMTP_DKIM_PRIVATE_KEY_FILE (or SMTP_DKIM_PRIVATE_KEY) together');
  }
  const privateKey = keyFile ? fs.readFileSync(keyFile, 'utf8') : inline!.replace(/\\n/g, '\n');
  return { domainName, keySelector, privateKey };
};
