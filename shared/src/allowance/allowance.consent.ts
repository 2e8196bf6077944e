// the separate consent (个人信息保护法 第二十八、二十九条) the family reads before applying; its version is stored with
// the consent record, and a submit with another version is refused (ALLOWANCE_CONSENT_OUTDATED)
export const ALLOWANCE_CONSENT_VERSION = 'allowance-consent-v1';

export const ALLOWANCE_CONSENT = {
  version: ALLOWANCE_CONSENT_VERSION,
  title: '申请高龄津贴，需要您单独同意',
  paragraphs: [
    '为了给老人办理高龄津贴，我们会用到老人的身份证号、收款账户和是否健在的信息。这些是敏感个人信息。',
    '用途：只用来核对老人的户籍、年龄、是否健在，审核申请，并把津贴发到老人本人名下的账户。',
    '谁能看到：老人户籍所在社区、街道和区民政部门办理这件事的工作人员。公示时只显示姓名（中间用*遮住）、年龄和档次。',
    '我们不会要您提供任何证明材料，也不会把这些信息用在别的地方。您可以随时撤回同意，撤回后申请停止办理。',
  ],
} as const;
