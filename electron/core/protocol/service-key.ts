/**
 * The name of something one hub feature offers the others (a read-only view of its data, a promise to wait on), with
 * the interface as its type. Declared in the offering feature's protocol, so the others see only the interface; the
 * implementation stays in its hub part (VS Code's service decorators, without the injection magic).
 */
export interface ServiceKey<T> {
  readonly id: string;
  /** Never set: carries the service's type. */
  readonly type?: T;
}

/** Names a service. */
export function serviceKey<T>(id: string): ServiceKey<T> {
  return { id };
}
