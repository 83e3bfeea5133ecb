// Domain "maintenance", service requests: an operator reports a defect (with a photo), a
// supervisor rejects it with a reason or converts it into a work order. docs/operations.md
// documents each type; the server functions are db/functions/maintenance/op_service_request_*.sql.
import { z } from 'zod';
import { optionalText, requiredText, uuid } from '../fields.ts';
import { defineOperation } from '../operation.ts';
import type { UserRoleName } from '../roles.ts';
import { SUPERVISING_ROLES, WO_PRIORITIES } from './work-order-operations.ts';

/** Who reports defects. */
export const REPORTING_ROLES: readonly UserRoleName[] = [
  'operator',
  'technician',
  'supervisor',
  'manager',
  'admin',
];

/** The largest photo the server keeps (bytes, once decoded). */
export const MAX_PHOTO_BYTES = 1_572_864;
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

export const serviceRequestFile = defineOperation({
  type: 'service_request.file',
  label: 'Service request',
  pendingWord: 'request',
  roles: REPORTING_ROLES,
  payload: z.object({
    request_id: uuid,
    asset_id: uuid,
    description: requiredText(2000),
    photo: z
      .object({
        photo_id: uuid.optional(),
        content_type: z.enum(PHOTO_TYPES, { message: 'must be a JPEG, PNG or WebP image' }),
        data: z
          .string({ message: 'must be the image in base64' })
          .min(4, { message: 'is empty' })
          .max(Math.ceil(MAX_PHOTO_BYTES / 3) * 4, {
            message: 'is larger than 1.5 MB; take it again at a lower resolution',
          })
          .regex(/^[A-Za-z0-9+/]+={0,2}$/, { message: 'must be the image in base64' }),
      })
      .optional(),
  }),
  fields: {
    request_id: 'request id',
    asset_id: 'asset',
    description: 'description',
    photo: 'photo',
    photo_id: 'photo id',
    content_type: 'photo',
    data: 'photo',
  },
});

export const serviceRequestReject = defineOperation({
  type: 'service_request.reject',
  label: 'Request rejected',
  pendingWord: 'rejection',
  roles: SUPERVISING_ROLES,
  payload: z.object({ request_id: uuid, reason: requiredText(500) }),
  fields: { request_id: 'request', reason: 'reason' },
});

export const serviceRequestConvert = defineOperation({
  type: 'service_request.convert',
  label: 'Request converted',
  pendingWord: 'conversion',
  roles: SUPERVISING_ROLES,
  payload: z
    .object({
      request_id: uuid,
      /** A new work order (its id), or... */
      wo_id: uuid.optional(),
      /** ...the open work order of the same asset it joins (a duplicate). */
      existing_wo_id: uuid.optional(),
      title: optionalText(200),
      priority: z.enum(WO_PRIORITIES, { message: 'must be low, normal, high or urgent' }).optional(),
      origin: z.enum(['cm', 'defect'], { message: 'must be cm (corrective) or defect' }).optional(),
      assigned_to_user_id: uuid.optional(),
    })
    .refine((p) => (p.wo_id === undefined) !== (p.existing_wo_id === undefined), {
      message: 'Give either a new work order or the open work order it belongs to.',
    }),
  fields: {
    request_id: 'request',
    wo_id: 'work order id',
    existing_wo_id: 'work order',
    title: 'title',
    priority: 'priority',
    origin: 'origin',
    assigned_to_user_id: 'technician',
  },
});
