/** What the app calls itself in pages and emails. */
export const APP_NAME = "Acme";
