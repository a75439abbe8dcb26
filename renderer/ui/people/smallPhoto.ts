/** A small square JPEG of a photo, so a pick-up adult's face fits in the record (≤ 60 KB). */
export async function smallPhoto(file: File): Promise<string> {
  const bitmap = await createImageBitmap(file);
  const side = 160;
  const canvas = document.createElement('canvas');
  canvas.width = side;
  canvas.height = side;
  const scale = Math.max(side / bitmap.width, side / bitmap.height);
  const w = bitmap.width * scale;
  const h = bitmap.height * scale;
  canvas.getContext('2d')!.drawImage(bitmap, (side - w) / 2, (side - h) / 2, w, h);
  return canvas.toDataURL('image/jpeg', 0.75);
}
