/** What a run's followers read when it ended without finishing: the server stopped while it was being written. */
export const INTERRUPTED_MESSAGE = 'This answer was interrupted because the server restarted. The text so far is kept.';
