/**
 * The small French pages of the one-click link, for a person who opens it in a browser: the GET
 * describes what the button does (a GET changes nothing: link scanners prefetch), the button
 * POSTs the RFC 8058 body to the same URL, and the POST's page confirms. No script, no external
 * resource, nothing about the member (the link may have been forwarded).
 */
import type { UnsubscribeState } from './index';

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const what = (state: UnsubscribeState) =>
  state.subject === 'notification'
    ? `Vous ne recevrez plus par mail les notifications « ${escape(state.label ?? state.notificationType ?? '')} ».`
    : 'Vous ne recevrez plus de communications de la mutuelle par mail.';

const MANAGEMENT =
  'Les mails nécessaires à la gestion de votre adhésion continueront de vous parvenir. ' +
  'Vous pouvez revenir sur ce choix depuis votre espace adhérent ou auprès de votre mutuelle.';

const layout = (title: string, body: string) => `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${escape(title)}</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f6f6f9;color:#32324d;margin:0;padding:2rem 1rem}
main{max-width:34rem;margin:0 auto;background:#fff;border-radius:8px;padding:2rem;box-shadow:0 1px 4px rgba(33,33,52,.1)}
h1{font-size:1.4rem;margin-top:0}
p{line-height:1.5}
.note{color:#666687;font-size:.9rem}
button{font:inherit;background:#4945ff;color:#fff;border:0;border-radius:4px;padding:.7rem 1.4rem;cursor:pointer}
</style>
</head>
<body><main>
${body}
</main></body>
</html>
`;

/** GET: what the button will do, or that it is done already. */
export const confirmationPage = (state: UnsubscribeState) =>
  state.done
    ? layout('Désinscription déjà enregistrée', `<h1>Votre désinscription est déjà enregistrée</h1>\n<p>${what(state)}</p>\n<p class="note">${MANAGEMENT}</p>`)
    : layout(
        'Se désinscrire',
        `<h1>Ne plus recevoir ces mails</h1>
<p>${what(state)} Confirmez-le avec le bouton ci-dessous.</p>
<form method="post">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit">Me désinscrire</button>
</form>
<p class="note">${MANAGEMENT}</p>`
      );

/** POST (from a browser): the refusal is recorded. */
export const donePage = (state: UnsubscribeState) =>
  layout('Désinscription enregistrée', `<h1>Votre désinscription est enregistrée</h1>\n<p>${what(state)}</p>\n<p class="note">${MANAGEMENT}</p>`);

/** An invalid link, or a mail or record gone. */
export const errorPage = (message: string) => layout('Désinscription impossible', `<h1>Désinscription impossible</h1>\n<p>${escape(message)}</p>`);
