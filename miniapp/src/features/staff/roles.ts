// one wording of the staff roles, from the contract
export { STAFF_ROLE_TEXT } from '@jianban/shared';
