/**
 * After a save, the page's header (title, « Enregistrer », the seed's actions) comes back into
 * view, where the confirmation toast is: the admin scrolls its main area, not the window.
 */
export const headerInView = () => {
  const main = document.querySelector('main');
  main?.scrollTo?.({ top: 0, behavior: 'smooth' });
  window.scrollTo({ top: 0, behavior: 'smooth' });
};
