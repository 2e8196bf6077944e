// A resident's real-name check through WeChat 人脸核身 (government and public-service mini-programs): the server asks
// for a session bound to the user's openid and the name + ID number they gave (getVerifyId), the mini-program runs
// wx.requestFacialVerify with it, and the server asks WeChat for the real outcome (queryVerifyInfo). Only an outcome
// WeChat reports as passed verifies anyone; knowing a name and an ID number is never enough.
export interface RealNameSubject {
  /** our serial number for the session (5–32 of [A-Za-z0-9_-]), unique per appid */
  outSeqNo: string;
  openId: string;
  name: string;
  /** normalized 18-character ID number */
  idNumber: string;
}

export type RealNameStart =
  | { kind: 'started'; verifyId: string; expiresInSeconds: number }
  | { kind: 'refused'; errcode: number }
  | { kind: 'unavailable'; reason: string };

export type RealNameOutcome =
  | { kind: 'passed' }
  // not passed: cancelled, face did not match, unfinished, or WeChat refused the query (e.g. tampered identity)
  | { kind: 'not-passed'; code: number }
  | { kind: 'unavailable'; reason: string };

export abstract class RealNameCheck {
  abstract start(subject: RealNameSubject): Promise<RealNameStart>;
  abstract outcome(subject: RealNameSubject, verifyId: string): Promise<RealNameOutcome>;
}
