/** Test helpers: a real Latch on a real server, database and SMTP sink. */
export { createTestServer, uniqueEmail, strongPassword } from './test-server.js';
export type { TestServer, TestServerOptions } from './test-server.js';
export { TestClient } from './client.js';
export type { TestResponse, RequestOptions } from './client.js';
export { startSmtpSink, linkIn, tokenIn } from './smtp-sink.js';
export type { SmtpSink, ReceivedMail } from './smtp-sink.js';
export { createTestDatabase, testDatabaseKinds } from './databases.js';
export type { TestDatabase } from './databases.js';
export { runStorageConformance } from './storage-suite.js';
export { startWebhookReceiver } from './webhook-receiver.js';
export type { WebhookReceiver, ReceivedWebhook, ReceiverMode } from './webhook-receiver.js';
export { signUpAndSignIn } from './sign-up.js';
export type { SignUpAndSignInOptions, SignedInAccount } from './sign-up.js';
