/**
 * How one area reacts to another without importing it (docs/decisions/005-area-boundaries.md).
 * An area names an event (`defineEvent`) or a role another area fills (`defineProvider`) in its
 * public file; `app.ts` wires subscribers and providers into the context's `Hooks` once. The arrow
 * then runs one way only: the subscriber imports the publisher's key, never the other way.
 */
export interface EventKey<Payload> {
  readonly kind: 'event';
  readonly name: string;
  /** Carries the payload type only. */
  readonly payload?: Payload;
}

export interface ProviderKey<Provider> {
  readonly kind: 'provider';
  readonly name: string;
  /** Carries the provider type only. */
  readonly provider?: Provider;
}

/** @example export const familyChanged = defineEvent<{ familyId: string }>('family.changed'); */
export function defineEvent<Payload>(name: string): EventKey<Payload> {
  return { kind: 'event', name };
}

/** @example export const committeeSubjects = defineProvider<CommitteeSubject>('committee.subject'); */
export function defineProvider<Provider>(name: string): ProviderKey<Provider> {
  return { kind: 'provider', name };
}

type Handler<Payload> = (payload: Payload) => unknown;

export class Hooks {
  readonly #handlers = new Map<string, Handler<never>[]>();
  readonly #providers = new Map<string, Map<string, unknown>>();
  #isWired = false;

  /** Runs `wire` once for this context: app.ts and the command line may both ask. */
  wireOnce(wire: () => void): void {
    if (this.#isWired) return;
    this.#isWired = true;
    wire();
  }

  on<Payload>(event: EventKey<Payload>, handler: Handler<Payload>): void {
    const list = this.#handlers.get(event.name) ?? [];
    list.push(handler as Handler<never>);
    this.#handlers.set(event.name, list);
  }

  /**
   * Calls every subscriber in order and waits for each: subscribers work in the publisher's
   * transaction (passed in the payload), so a failure rolls the whole change back.
   */
  async emit<Payload>(event: EventKey<Payload>, payload: Payload): Promise<void> {
    for (const handler of this.#handlers.get(event.name) ?? []) await (handler as Handler<Payload>)(payload);
  }

  /** Registers the provider of `key` named `name` (e.g. the committee subject kind `request`). */
  provide<Provider>(key: ProviderKey<Provider>, name: string, provider: Provider): void {
    const byName = this.#providers.get(key.name) ?? new Map<string, unknown>();
    if (byName.has(name)) throw new Error(`${key.name} "${name}" is provided twice`);
    byName.set(name, provider);
    this.#providers.set(key.name, byName);
  }

  /** Every provider of `key`, in the order registered (e.g. each area's narrowing of a bulk send's audience). */
  providers<Provider>(key: ProviderKey<Provider>): Provider[] {
    return [...(this.#providers.get(key.name)?.values() ?? [])] as Provider[];
  }

  /** The provider named `name`; a missing one is a wiring mistake in app.ts, not a user's. */
  provider<Provider>(key: ProviderKey<Provider>, name: string): Provider {
    const provider = this.#providers.get(key.name)?.get(name);
    if (provider === undefined) throw new Error(`No ${key.name} "${name}" is wired (app.ts wireAreas)`);
    return provider as Provider;
  }
}
