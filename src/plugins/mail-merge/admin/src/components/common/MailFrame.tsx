import { styled } from 'styled-components';

const Frame = styled.iframe<{ $height: string }>`
  width: 100%;
  height: ${({ $height }) => $height};
  border: 1px solid ${({ theme }) => theme.colors.neutral200};
  border-radius: ${({ theme }) => theme.borderRadius};
  background: #fff;
`;

/** A complete document (a mail as it leaves, in its layout) is shown as it is, never nested. */
const isDocument = (html: string) => /^\s*(<!doctype html|<html[\s>])/i.test(html);

const document = (html: string) =>
  isDocument(html)
    ? html
    : `<!doctype html><html><head><meta charset="utf-8"><style>body{font-family:-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-size:14px;line-height:1.5;color:#32324d;margin:16px}a{color:#4945ff}</style></head><body>${html}</body></html>`;

/**
 * A mail's HTML part as the recipient's client would show it: in a sandboxed frame (no scripts,
 * no same origin, so a body can never reach the admin). A complete document (the mail that left,
 * its letterhead around it) is shown as it is; a fragment (a body being edited) with a neutral
 * mail-like style.
 */
export const MailFrame = ({ html, title, height = '32rem' }: { html: string; title: string; height?: string }) => (
  <Frame title={title} sandbox="" srcDoc={document(html)} $height={height} />
);
