export interface Run {
  start: number;
  length: number;
}

/** each row of a QR matrix → its runs of dark modules */
export function qrRuns(matrix: readonly (readonly boolean[])[]): Run[][] {
  return matrix.map((row) => {
    const runs: Run[] = [];
    let start = -1;
    row.forEach((dark, x) => {
      if (dark && start < 0) start = x;
      if (!dark && start >= 0) {
        runs.push({ start, length: x - start });
        start = -1;
      }
    });
    if (start >= 0) runs.push({ start, length: row.length - start });
    return runs;
  });
}
