/** Ids are UUIDs; anything else can't be one and is looked up no further (a slug, a name, a typo). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a string has the shape of a UUID. */
export const isUuid = (value: string): boolean => UUID.test(value);
