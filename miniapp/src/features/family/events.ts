// the add page tells 我的 whom it added, so 我的 can say so after navigating back
export const FAMILY_ADDED_EVENT = 'family:added';
