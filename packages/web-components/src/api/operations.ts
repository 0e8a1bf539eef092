/**
 * Types that look an operation up in the generated contract by path and method, so a client call
 * such as `client.post('/me/api-keys', body)` gets its body and answer types from the server's
 * own route definitions. Types only: nothing here reaches the bundles.
 */
import type { components, paths } from './generated/contract.js';

/** The HTTP methods the client sends, as the contract names them. */
export type Method = 'get' | 'post' | 'patch' | 'delete';

/** A named shape of the contract (`components.schemas`), for example `Schema<'PublicUser'>`. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

/** The paths (as the contract writes them, `{id}` for a parameter) that have an `M` operation. */
export type PathsFor<M extends Method> = {
  [P in keyof paths]: [NonNullable<paths[P][M]>] extends [never] ? never : P;
}[keyof paths];

/** The operation at path `P` for method `M`. */
export type Operation<P extends PathsFor<M>, M extends Method> = NonNullable<paths[P][M]>;

type SuccessStatus = 200 | 201 | 202 | 204;
type JsonContent<R> = R extends { content: { 'application/json': infer B } } ? B : undefined;
type Responses<O> = O extends { responses: infer R } ? R : never;

/** What a successful call answers: the JSON body of its 2xx response, `undefined` for a 204. */
export type ResponseOf<P extends PathsFor<M>, M extends Method> = {
  [S in keyof Responses<Operation<P, M>> & SuccessStatus]: JsonContent<Responses<Operation<P, M>>[S]>;
}[keyof Responses<Operation<P, M>> & SuccessStatus];

/** The JSON body an operation takes; `undefined` when it takes none. */
export type BodyOf<P extends PathsFor<M>, M extends Method> =
  Operation<P, M> extends { requestBody: { content: { 'application/json': infer B } } } ? B : undefined;

type PathParams<O> = O extends { parameters: { path: infer T } } ? T : never;
type QueryOf<O> = O extends { parameters: { query?: infer T } } ? NonNullable<T> : never;

/** Path parameters (required when the path has any) and the query of an operation. */
export type RequestOptions<P extends PathsFor<M>, M extends Method> =
  & ([PathParams<Operation<P, M>>] extends [never] ? { params?: undefined } : { params: PathParams<Operation<P, M>> })
  & ([QueryOf<Operation<P, M>>] extends [never] ? { query?: undefined } : { query?: QueryOf<Operation<P, M>> });

type NeedsParams<P extends PathsFor<M>, M extends Method> = [PathParams<Operation<P, M>>] extends [never] ? false : true;
/** A body argument: optional when the operation takes none or every field is optional. */
type BodyArg<P extends PathsFor<M>, M extends Method> = BodyOf<P, M> extends undefined ? Record<string, never> | undefined : BodyOf<P, M>;

/** The arguments after the path of `post` and `patch`: the body, then the options. */
export type BodyArgs<P extends PathsFor<M>, M extends Method> = NeedsParams<P, M> extends true
  ? [body: BodyArg<P, M>, options: RequestOptions<P, M>]
  : {} extends BodyArg<P, M>
    ? [body?: BodyArg<P, M>, options?: RequestOptions<P, M>]
    : [body: BodyArg<P, M>, options?: RequestOptions<P, M>];

/** The options of `get` and `delete`: parameters, query and, for a DELETE that takes one, the body. */
export type OptionsArgs<P extends PathsFor<M>, M extends Method> = BodyOf<P, M> extends undefined
  ? NeedsParams<P, M> extends true ? [options: RequestOptions<P, M>] : [options?: RequestOptions<P, M>]
  : {} extends BodyOf<P, M>
    ? NeedsParams<P, M> extends true ? [options: RequestOptions<P, M> & { body?: BodyOf<P, M> }] : [options?: RequestOptions<P, M> & { body?: BodyOf<P, M> }]
    : [options: RequestOptions<P, M> & { body: BodyOf<P, M> }];
