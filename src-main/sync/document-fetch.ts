// Fetches an issued document's bytes from the central store (document_blobs), as the station's own
// role (row-level security: its tenant's documents only), and checks them against their hash.
import { createHash } from 'node:crypto';
import type { StationFile } from '../../db/admin/station-file.ts';
import { connectStation } from './server-link.ts';

export class DocumentUnavailableError extends Error {
  override name = 'DocumentUnavailableError';
}

export async function fetchDocument(
  file: StationFile,
  sha256: string,
  connectTimeoutMs = 5000,
): Promise<Buffer> {
  let link;
  try {
    link = await connectStation(file, { connectTimeoutMs });
  } catch {
    throw new DocumentUnavailableError(
      'The central store cannot be reached (the station is offline): this document opens once the link is back.',
    );
  }
  try {
    const { rows } = await link.client.query<{ content: Buffer }>(
      'SELECT content FROM document_blobs WHERE sha256 = $1',
      [sha256],
    );
    const content = rows[0]?.content;
    if (!content) throw new DocumentUnavailableError('The central store does not have this document (yet).');
    if (createHash('sha256').update(content).digest('hex') !== sha256) {
      throw new DocumentUnavailableError(
        'The stored document does not match its hash: it was damaged. Tell your administrator.',
      );
    }
    return content;
  } finally {
    await link.close();
  }
}
