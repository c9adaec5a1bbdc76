/**
 * Largest request body the API accepts (bytes). The backend enforces it; the frontend's proxy refuses bigger
 * bodies itself with the same 413, so an upload it would only cut off mid-way never reaches the backend.
 */
export const API_BODY_LIMIT_BYTES = 64 * 1024;
