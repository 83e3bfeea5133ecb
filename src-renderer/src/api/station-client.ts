// The typed station client: one generic call over the contract's method map, results typed by
// the contract, and errors-as-data turned into a thrown ApiCallError. Events are checked against
// the contract's schemas before a listener sees them.
import {
  stationEvents,
  type EventName,
  type EventOf,
  type Method,
  type ParamsOf,
  type ResultOf,
} from '../../../src-preload/contract/api.ts';
import { ApiCallError } from './api-call-error.ts';
import type { ConnectionState, Transport } from './transport.ts';

export class StationClient {
  constructor(private readonly transport: Transport) {}

  async call<M extends Method>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>> {
    const response = await this.transport.call(method, params);
    if (!response.ok) throw new ApiCallError(response.error.code, response.error.message);
    return response.result as ResultOf<M>;
  }

  on<E extends EventName>(event: E, listener: (data: EventOf<E>) => void): () => void {
    return this.transport.on(event, (raw) => {
      const parsed = stationEvents[event].safeParse(raw);
      if (parsed.success) listener(parsed.data as EventOf<E>);
    });
  }

  connection(): ConnectionState {
    return this.transport.connection();
  }

  onConnection(listener: (state: ConnectionState) => void): () => void {
    return this.transport.onConnection(listener);
  }
}
