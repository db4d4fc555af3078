/** A tag policy covers its tag and the tags below it: `pii` covers `pii.email`. */
export const tagCovers = (policyTag: string, fieldTag: string) => fieldTag === policyTag || fieldTag.startsWith(`${policyTag}.`);
