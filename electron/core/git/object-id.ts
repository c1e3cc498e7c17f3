/** A full git object id (SHA-1 or SHA-256), as git writes it: lowercase hex. */
export const OBJECT_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
