// Is this standard base64 (A–Z a–z 0–9 + /, then at most two '=' at the end, nothing else)?
// A loop, not a regular expression: an uploaded file is up to ~14 million characters, and a backtracking regex over a
// string that long overflowed the stack inside a request (a 500 instead of the coded 400).
export function isBase64(s: string): boolean {
  let end = s.length;
  if (end > 0 && s.charCodeAt(end - 1) === 61) end -= 1; // '='
  if (end > 0 && s.charCodeAt(end - 1) === 61) end -= 1;
  if (end === 0) return false;
  for (let i = 0; i < end; i += 1) {
    const c = s.charCodeAt(i);
    const ok = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47;
    if (!ok) return false;
  }
  return true;
}
