// shipment.open: a truck at the station's site, for another site, with a gate pass reference the
// station makes itself (offline too). Checked against the cache with the server's codes and
// messages (db/functions/logistics/op_shipment_open.sql); shown at once as a pending truck.
import { uuidv7 } from '../../db/ids/uuidv7.ts';
import { OpError } from '../core/errors.ts';
import { addEffect } from '../ops/overlay.ts';
import type { OperationHandler } from '../ops/operation-type.ts';
import { locationIdOf, shipmentIdOf } from './codes.ts';
import { nextGatePass, stationPrefix } from './gate-pass.ts';
import { findTruck, siteOf, truckIdByGatePass, type OpenedTruck } from './truck.ts';

interface LocationRow {
  id: string;
  code: string;
  site_id: string;
  is_active: number;
}

function checkReturnOf(
  db: Parameters<OperationHandler<'shipment.open'>['summarize']>[1],
  returnOf: string,
  here: string,
  destinationSite: string,
): void {
  const original = findTruck(db, returnOf);
  if (!original?.is_returnable)
    throw new OpError('not_returnable', 'That shipment is not a returnable pass.');
  if (original.returned_at !== null) {
    throw new OpError('already_returned', `The goods of ${original.gate_pass_ref} are already back.`);
  }
  if (original.destination_site_id !== here || original.origin_site_id !== destinationSite) {
    throw new OpError(
      'return_route',
      `${original.gate_pass_ref} went from ${original.origin_code} to ${original.destination_code}; its goods go back from ${original.destination_code} to ${original.origin_code}.`,
    );
  }
}

export const shipmentOpen: OperationHandler<'shipment.open'> = {
  resolve(ctx, payload) {
    const { destination, return_of, jms_reference, notes, ...rest } = payload;
    const returnOf =
      payload.return_of_shipment_id ??
      (return_of === undefined ? undefined : shipmentIdOf(ctx.db, { gate_pass_ref: return_of }));
    return {
      ...rest,
      shipment_id: payload.shipment_id ?? uuidv7(),
      gate_pass_ref: payload.gate_pass_ref ?? nextGatePass(ctx.db, ctx.station.stationId),
      destination_id: locationIdOf(ctx.db, payload.destination_id, destination, 'a site'),
      ...(returnOf === undefined ? {} : { return_of_shipment_id: returnOf }),
      // Blank free text is no text (the server stores none either).
      ...(jms_reference ? { jms_reference } : {}),
      ...(notes ? { notes } : {}),
    };
  },
  summarize(payload, db) {
    const destination = payload.destination_id === undefined ? '?' : siteOf(db, payload.destination_id).code;
    return `Open ${payload.gate_pass_ref ?? 'a truck'} to ${destination} (${payload.vehicle_reg}, ${payload.driver_name})`;
  },
  applyLocal(ctx, payload) {
    const { db, station } = ctx;
    const id = payload.shipment_id ?? '';
    const ref = payload.gate_pass_ref ?? '';
    const prefix = stationPrefix(db, station.stationId);
    if (!new RegExp(`^GP-${prefix}-[0-9]{4,9}$`).test(ref)) {
      throw new OpError(
        'invalid_gate_pass',
        `${ref} is not a gate pass reference of this station; its references are GP-${prefix}-0001, GP-${prefix}-0002 and so on.`,
      );
    }
    if (findTruck(db, id)) throw new OpError('duplicate_shipment', 'That shipment already exists.');
    if (truckIdByGatePass(db, ref) !== null)
      throw new OpError('gate_pass_taken', `Gate pass ${ref} is already used by another shipment.`);
    const destination = db
      .prepare('SELECT id, code, site_id, is_active FROM locations WHERE id = ?')
      .get(payload.destination_id) as LocationRow | undefined;
    if (!destination?.is_active) throw new OpError('unknown_location', 'That destination does not exist.');
    if (destination.site_id === station.siteId)
      throw new OpError('same_site', `${destination.code} is at this site; a truck goes to another site.`);
    if (payload.expected_return_date !== undefined) {
      const yesterday = new Date(ctx.now.getTime() - 86_400_000).toISOString().slice(0, 10);
      if (
        Number.isNaN(Date.parse(`${payload.expected_return_date}T00:00:00Z`)) ||
        new Date(`${payload.expected_return_date}T00:00:00Z`).toISOString().slice(0, 10) !==
          payload.expected_return_date
      ) {
        throw new OpError('invalid_date', `"${payload.expected_return_date}" is not a date.`);
      }
      if (payload.expected_return_date < yesterday)
        throw new OpError('invalid_date', 'The expected return date cannot be in the past.');
    }
    if (payload.return_of_shipment_id !== undefined)
      checkReturnOf(db, payload.return_of_shipment_id, station.siteId, destination.site_id);
    const opened: OpenedTruck = {
      gate_pass_ref: ref,
      origin_location_id: station.siteId,
      destination_location_id: destination.id,
      vehicle_reg: payload.vehicle_reg,
      trailer_reg: payload.trailer_reg ?? null,
      driver_name: payload.driver_name,
      driver_id_number: payload.driver_id_number,
      jms_reference: payload.jms_reference ?? null,
      is_returnable: payload.returnable === true,
      expected_return_date: payload.expected_return_date ?? null,
      return_of_shipment_id: payload.return_of_shipment_id ?? null,
      notes: payload.notes ?? null,
      created_by_user_id: ctx.userId,
      created_at: ctx.now.toISOString(),
    };
    addEffect(db, ctx.opId, 'shipment_open', id, 0, opened);
  },
};
