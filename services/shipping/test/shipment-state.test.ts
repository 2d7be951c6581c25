import { SHIPMENT_STATUSES, type ShipmentStatus } from '@mercato/contracts';
import { describe, expect, it } from 'vitest';
import { afterScan, applyScans } from '../src/domain/shipment-state.ts';

const scan = (id: string, status: ShipmentStatus, at: string) => ({ id, status, at });

describe('a shipment after a scan', () => {
  it('moves forward along the journey, and may skip steps the carrier did not scan', () => {
    expect(afterScan('LABEL_CREATED', 'IN_TRANSIT')).toBe('IN_TRANSIT');
    expect(afterScan('IN_TRANSIT', 'OUT_FOR_DELIVERY')).toBe('OUT_FOR_DELIVERY');
    expect(afterScan('OUT_FOR_DELIVERY', 'DELIVERED')).toBe('DELIVERED');
    expect(afterScan('LABEL_CREATED', 'DELIVERED')).toBe('DELIVERED');
  });

  it('keeps a scan of the status it has (another hub) and refuses one that goes backwards', () => {
    expect(afterScan('IN_TRANSIT', 'IN_TRANSIT')).toBe('IN_TRANSIT');
    expect(afterScan('OUT_FOR_DELIVERY', 'IN_TRANSIT')).toBeNull();
  });

  it('takes nothing after delivery, and never a second label', () => {
    for (const s of SHIPMENT_STATUSES) expect(afterScan('DELIVERED', s), s).toBeNull();
    for (const s of SHIPMENT_STATUSES) expect(afterScan(s, 'LABEL_CREATED'), s).toBeNull();
  });

  it('resumes any step of the journey after a delivery problem', () => {
    expect(afterScan('OUT_FOR_DELIVERY', 'EXCEPTION')).toBe('EXCEPTION');
    expect(afterScan('EXCEPTION', 'IN_TRANSIT')).toBe('IN_TRANSIT');
    expect(afterScan('EXCEPTION', 'DELIVERED')).toBe('DELIVERED');
  });
});

describe("folding a carrier's report into a shipment", () => {
  it('adds the new scans in the order they were made and ends in the status they lead to', () => {
    const report = [
      scan('c', 'DELIVERED', '2026-01-03'),
      scan('a', 'IN_TRANSIT', '2026-01-01'),
      scan('b', 'OUT_FOR_DELIVERY', '2026-01-02'),
    ];
    const { status, added } = applyScans('LABEL_CREATED', new Set(), report);
    expect(status).toBe('DELIVERED');
    expect(added.map((s) => s.id)).toEqual(['a', 'b', 'c']);
  });

  it('records a scan once, however often the carrier reports it', () => {
    const report = [
      scan('a', 'IN_TRANSIT', '2026-01-01'),
      scan('a', 'IN_TRANSIT', '2026-01-01'),
      scan('b', 'OUT_FOR_DELIVERY', '2026-01-02'),
    ];
    expect(applyScans('IN_TRANSIT', new Set(['a']), report).added.map((s) => s.id)).toEqual(['b']);
    expect(applyScans('OUT_FOR_DELIVERY', new Set(['a', 'b']), report)).toEqual({ status: 'OUT_FOR_DELIVERY', added: [] });
  });

  it('leaves out scans that do not apply, keeping the rest', () => {
    const report = [
      scan('a', 'IN_TRANSIT', '2026-01-01'),
      scan('b', 'DELIVERED', '2026-01-02'),
      scan('late', 'OUT_FOR_DELIVERY', '2026-01-03'),
    ];
    const { status, added } = applyScans('LABEL_CREATED', new Set(), report);
    expect(status).toBe('DELIVERED');
    expect(added.map((s) => s.id)).toEqual(['a', 'b']);
  });
});
