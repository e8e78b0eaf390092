/**
 * Strapi's own chrome, made quiet and French where its configuration offers no switch.
 */

const GUIDED_TOUR_KEY = 'STRAPI_GUIDED_TOUR';

/**
 * Strapi 5's guided tours (home « Discover your application », Content Manager steps) are English
 * product onboarding for developers, not for the mutual's gestionnaires. The tour provider reads
 * its state from localStorage before it renders (admin GuidedTour/Context: `usePersistentState`),
 * and a state with `enabled: false` shows none of them; the rest of a stored state is kept.
 */
export const quietGuidedTours = () => {
  try {
    const raw = window.localStorage.getItem(GUIDED_TOUR_KEY);
    const stored = raw ? JSON.parse(raw) : {};
    if (stored && stored.enabled === false) return;
    window.localStorage.setItem(GUIDED_TOUR_KEY, JSON.stringify({ ...(stored ?? {}), enabled: false }));
  } catch {
    window.localStorage.setItem(GUIDED_TOUR_KEY, JSON.stringify({ enabled: false }));
  }
};

/**
 * « Introducing the new Media Library … Read blog post »: an English product banner over every
 * page until dismissed, with a link to Strapi's blog. Its dismissal is stored per instance under
 * `STRAPI_MEDIA_LIBRARY_BANNER_DISMISSED_FOR_<flag>:<project uuid>` (admin MediaLibraryBanner);
 * the app answers « dismissed » for any such key rather than guessing the uuid.
 */
export const quietProductBanners = () => {
  const storage = window.localStorage;
  const getItem = storage.getItem.bind(storage);
  storage.getItem = (key: string) => (key.startsWith('STRAPI_MEDIA_LIBRARY_BANNER_DISMISSED_FOR_') ? 'true' : getItem(key));
};

const SECTION_ID = 'Mail merge';
const SECTION_FR = 'Mails de fusion';
const currentLanguage = () => window.localStorage.getItem('strapi-admin-language') || 'en';

/**
 * The role editor titles a plugin's section with the plugin's id, capitalised (« Mail merge »), in
 * every language: neither a translation key nor the package's displayName is consulted (admin
 * Roles/PluginsAndSettings `capitalise(categoryName)`). The seed calls these rights « Mails de
 * fusion »: the section's title text is renamed in place while a role or user page is open.
 * The accordion's trigger is also marked (`data-mail-merge-rights`) for the plugin home page's link
 * (`#mail-merge-rights`), which opens the « Plugins » tab and this section.
 */
export const relabelRightsSection = () => {
  if (typeof MutationObserver === 'undefined') return;
  const relabel = () => {
    if (!/\/settings\/(roles|users)\//.test(window.location.pathname)) return;
    const french = currentLanguage() === 'fr';
    for (const button of Array.from(document.querySelectorAll('button'))) {
      const walker = document.createTreeWalker(button, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (french && node.nodeValue === SECTION_ID) node.nodeValue = SECTION_FR;
        // Radix gives the trigger its own id: mark it with an attribute instead.
        if (node.nodeValue === SECTION_FR || node.nodeValue === SECTION_ID) button.setAttribute('data-mail-merge-rights', '');
      }
    }
    if (window.location.hash === '#mail-merge-rights') openRightsSection();
  };
  new MutationObserver(relabel).observe(document.documentElement, { childList: true, subtree: true, characterData: true });
};

/**
 * Follows the home page's link: the « Plugins » tab, then the section. Polled (the role's
 * permissions load after the page) until the section is open, for ten seconds at most.
 */
let following = '';
const openRightsSection = () => {
  if (following === window.location.pathname) return;
  following = window.location.pathname;
  const startedAt = Date.now();
  let lastClick = 0;
  const attempt = () => {
    if (window.location.hash !== '#mail-merge-rights' || Date.now() - startedAt > 10_000) return;
    const tab = Array.from(document.querySelectorAll<HTMLElement>('[role="tab"]')).find((element) => element.textContent?.trim() === 'Plugins');
    const trigger = document.querySelector<HTMLElement>('button[data-mail-merge-rights]');
    if (tab && tab.getAttribute('aria-selected') !== 'true' && Date.now() - lastClick > 500) {
      lastClick = Date.now();
      tab.dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
      tab.click();
    } else if (tab?.getAttribute('aria-selected') === 'true' && trigger) {
      if (trigger.getAttribute('aria-expanded') === 'true') {
        trigger.scrollIntoView({ block: 'start' });
        return;
      }
      if (Date.now() - lastClick > 500) {
        lastClick = Date.now();
        trigger.click();
      }
    }
    window.setTimeout(attempt, 150);
  };
  attempt();
};
