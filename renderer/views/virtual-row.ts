/** A cell that cuts its text with an ellipsis instead of wrapping. */
export const ellipsisCell = { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } as const;

/** One row of a virtualized grid table: absolutely placed at the virtualizer's offset. */
export function virtualRowStyle(start: number, height: number, columns: string) {
  return {
    position: 'absolute',
    top: 0,
    left: 0,
    right: 0,
    height,
    transform: `translateY(${start}px)`,
    display: 'grid',
    gridTemplateColumns: columns,
    gap: 8,
    alignItems: 'center',
    fontSize: 13,
  } as const;
}
