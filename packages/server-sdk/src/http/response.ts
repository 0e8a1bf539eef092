/** The answer an adapter writes back. */
export interface LatchResponse {
  status: number;
  headers: Record<string, string | string[]>;
  body: string;
}
