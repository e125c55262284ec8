/** What a run's followers read when it ended without finishing: the server stopped while it was being written. */
export const INTERRUPTED_MESSAGE = 'This answer was interrupted because the server restarted. The text so far is kept.';

/** What followers read when the run's storage (database or Redis) stopped answering and the run hit its deadline. */
export const STORAGE_DOWN_MESSAGE =
	"This answer was stopped because the server's storage is not answering. The text so far is kept where it could be saved; please try again in a moment.";

/** What a follower reads when the run's live log cannot be read and the run cannot be checked either. */
export const LOG_UNREADABLE_MESSAGE = "The answer's stream could not be read because the server's storage is not answering. Reload to see what was saved.";

/** What followers read when the run failed before or around the model loop for a reason the server logged. */
export const FAILED_MESSAGE = 'Something went wrong while writing the answer. The text so far is kept; please try again.';
