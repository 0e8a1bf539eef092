/**
 * Worker thread entry of the strength pool: answers `{ id, password, userInputs }` with zxcvbn's
 * estimate, so the dictionaries live here and the matching never runs on the event loop.
 */
import { parentPort } from 'node:worker_threads';
import { estimateStrength, prepareStrengthEstimates } from './strength-estimate.js';
import type { StrengthReply, StrengthRequest } from './strength-pool.js';

const port = parentPort;
if (!port) throw new Error('strength-worker runs as a worker thread');

port.on('message', (request: StrengthRequest) => {
  let reply: StrengthReply;
  try {
    reply = { id: request.id, estimate: estimateStrength(request.password, request.userInputs) };
  } catch (error) {
    reply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});

// With the dictionaries built, an estimate takes milliseconds: only now do deadlines start.
prepareStrengthEstimates();
port.postMessage({ ready: true } satisfies StrengthReply);
