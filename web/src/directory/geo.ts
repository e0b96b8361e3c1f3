import type { LatLon } from '../api/types';

export interface Bounds {
  minLon: number;
  maxLon: number;
  minLat: number;
  maxLat: number;
}

/** The smallest box around the points, padded by a fraction of its size (and at least `minPad` degrees). */
export function boundsOf(points: readonly LatLon[], pad = 0.08, minPad = 0.05): Bounds | null {
  if (!points.length) return null;
  let minLon = Infinity;
  let maxLon = -Infinity;
  let minLat = Infinity;
  let maxLat = -Infinity;
  for (const p of points) {
    minLon = Math.min(minLon, p.lon);
    maxLon = Math.max(maxLon, p.lon);
    minLat = Math.min(minLat, p.lat);
    maxLat = Math.max(maxLat, p.lat);
  }
  const padLon = Math.max((maxLon - minLon) * pad, minPad);
  const padLat = Math.max((maxLat - minLat) * pad, minPad);
  return { minLon: minLon - padLon, maxLon: maxLon + padLon, minLat: minLat - padLat, maxLat: maxLat + padLat };
}

/**
 * Widens the box along one axis so that one degree of latitude and cos(φ) degrees of longitude
 * take the same number of pixels in a plot area of the given size: an equirectangular view
 * that does not stretch the region.
 */
export function fitAspect(b: Bounds, width: number, height: number): Bounds {
  if (width <= 0 || height <= 0) return b;
  const midLat = (b.minLat + b.maxLat) / 2;
  const k = Math.cos((midLat * Math.PI) / 180);
  const lonSpan = b.maxLon - b.minLon;
  const latSpan = b.maxLat - b.minLat;
  const dataRatio = (lonSpan * k) / latSpan;
  const boxRatio = width / height;
  if (dataRatio > boxRatio) {
    const want = (lonSpan * k) / boxRatio;
    const mid = (b.minLat + b.maxLat) / 2;
    return { ...b, minLat: mid - want / 2, maxLat: mid + want / 2 };
  }
  const want = (latSpan * boxRatio) / k;
  const mid = (b.minLon + b.maxLon) / 2;
  return { ...b, minLon: mid - want / 2, maxLon: mid + want / 2 };
}
