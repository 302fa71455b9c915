export const THEME_STORAGE_KEY = "theme";

/**
 * Runs in <head> before the page paints (app/layout.tsx): applies the remembered choice, or the system's,
 * so a dark page never flashes light; data-theme-choice lets the toggle show the choice before React runs. Kept tiny and dependency-free; it is inlined with the CSP nonce.
 */
export const themeScript = `(() => {
  const media = matchMedia("(prefers-color-scheme: dark)");
  const apply = () => {
    const choice = localStorage.getItem("${THEME_STORAGE_KEY}") || "system";
    document.documentElement.dataset.themeChoice = choice;
    document.documentElement.dataset.theme = choice === "system" ? (media.matches ? "dark" : "light") : choice;
  };
  apply();
  media.addEventListener("change", apply);
  addEventListener("storage", apply);
})();`;

