/** Proof of presence a sensitive request may carry in its body. */
export interface ReauthProof {
  password?: string | undefined;
  code?: string | undefined;
}
