import { styled } from 'styled-components';

const Frame = styled.iframe<{ $height: string }>`
  width: 100%;
  height: ${({ $height }) => $height};
  border: 1px solid ${({ theme }) => theme.colors.neutral200};
  border-radius: ${({ theme }) => theme.borderRadius};
  background: #fff;
`;

/** The HTML part with a neutral mail-like style. */
const srcDoc = (html: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><style>body{font-family:-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-size:14px;line-height:1.5;color:#32324d;margin:16px}a{color:#4945ff}</style></head><body>${html}</body></html>`;

/** A rendered mail body in a sandboxed frame: no scripts, no same origin. */
export const MailFrame = ({ html, title, height = '20rem' }: { html: string; title: string; height?: string }) => (
  <Frame title={title} sandbox="" srcDoc={srcDoc(html)} $height={height} />
);
