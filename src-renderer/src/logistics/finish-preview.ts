// What finishing a receipt will record, worked out from the truck as the station sees it (the
// server's manifest and every scan made here): missing assets and part shortfalls, extras, damage,
// seals broken or with another number. The server records the same from its own rows.
import type { ShipmentDetail } from '../../../src-preload/contract/logistics/reads.ts';
import { formatQty } from './logistics-format.ts';
import type { SealChecks } from './seal-checks.tsx';

export interface Preview {
  lines: string[];
  /** Assets and part units expected and scanned (the counters of the screen). */
  assets: { expected: number; scanned: number };
  parts: { expected: number; scanned: number };
}

export function finishPreview(detail: ShipmentDetail, checks: SealChecks): Preview {
  const manifest = detail.assets.filter((a) => a.status !== 'extra');
  const lines: string[] = [];
  for (const a of manifest) if (!a.received) lines.push(`${a.code} missing`);
  for (const p of detail.parts) {
    const short = p.qty - p.received_qty;
    if (short > 0) lines.push(`${formatQty(short, p.unit)} x ${p.sku} missing`);
  }
  for (const r of detail.receipts) {
    if (!r.on_manifest) lines.push(`${r.code} came off but was not on the manifest`);
    else if (r.extra_qty !== null && r.extra_qty > 0)
      lines.push(`${formatQty(r.extra_qty)} x ${r.code} more than the manifest`);
    if (r.condition === 'damaged') lines.push(`${r.code} damaged${r.note === null ? '' : `: ${r.note}`}`);
  }
  for (const seal of detail.seals) {
    const check = checks[seal.seal_number];
    if (check?.result === 'broken') lines.push(`Seal ${seal.seal_number} broken`);
    if (check?.result === 'mismatch') lines.push(`Seal ${seal.seal_number}: ${check.found || '?'} found`);
  }
  const partsExpected = detail.parts.reduce((sum, p) => sum + p.qty, 0);
  const partsScanned = detail.receipts
    .filter((r) => r.kind === 'part')
    .reduce((sum, r) => sum + (r.qty ?? 0), 0);
  return {
    lines,
    // A unit scanned off brings its components: they count as scanned.
    assets: { expected: manifest.length, scanned: manifest.filter((a) => a.received).length },
    parts: { expected: partsExpected, scanned: partsScanned },
  };
}
