// A photo chosen for a service request, as the operation carries it: JPEG, PNG or WebP in base64,
// at most 1.5 MB. A bigger picture (or another format) is redrawn as a JPEG of at most 1600 pixels
// a side, so a phone photo goes through without the user resizing it.
import {
  MAX_PHOTO_BYTES,
  PHOTO_TYPES,
} from '../../../../src-preload/contract/maintenance/request-operations.ts';

export type PhotoType = (typeof PHOTO_TYPES)[number];

export interface RequestPhoto {
  content_type: PhotoType;
  data: string;
  /** A data: URL to show it before it is sent. */
  preview: string;
}

const MAX_SIDE = 1600;

function isPhotoType(type: string): type is PhotoType {
  return (PHOTO_TYPES as readonly string[]).includes(type);
}

function readDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      resolve(typeof reader.result === 'string' ? reader.result : '');
    };
    reader.onerror = () => {
      reject(new Error('The photo could not be read.'));
    };
    reader.readAsDataURL(blob);
  });
}

async function redraw(file: Blob): Promise<Blob> {
  const bitmap = await createImageBitmap(file).catch(() => {
    throw new Error('That file is not a picture the station can read; choose a JPEG, PNG or WebP photo.');
  });
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  return new Promise((resolve, reject) => {
    canvas.toBlob(
      (blob) => {
        if (blob) resolve(blob);
        else reject(new Error('The photo could not be converted.'));
      },
      'image/jpeg',
      0.82,
    );
  });
}

export async function readPhoto(file: Blob): Promise<RequestPhoto> {
  const blob = isPhotoType(file.type) && file.size <= MAX_PHOTO_BYTES ? file : await redraw(file);
  if (blob.size > MAX_PHOTO_BYTES)
    throw new Error(
      'The photo is larger than 1.5 MB even when made smaller; take it again at a lower resolution.',
    );
  const preview = await readDataUrl(blob);
  const type = isPhotoType(blob.type) ? blob.type : 'image/jpeg';
  return { content_type: type, data: preview.slice(preview.indexOf(',') + 1), preview };
}
