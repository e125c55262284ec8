// The page is an app over the JSON API: everything is fetched in the browser, so no server render.
export const ssr = false;
