import { Button as TaroButton } from '@tarojs/components';
import type { ReactNode } from 'react';
import styles from './index.module.scss';
import { a11y } from '../a11y';

export interface ButtonProps {
  children: ReactNode;
  onClick?: () => void;
  variant?: 'primary' | 'secondary' | 'danger' | 'link';
  /** small text (still a full-height tap target), for rarely used links */
  small?: boolean;
  /** as wide as its text, e.g. 移除 at the end of a row */
  inline?: boolean;
  disabled?: boolean;
  loading?: boolean;
  /**
   * read by screen readers; defaults to the visible text.
   * (Not named `ariaLabel`: Taro's Babel preset rewrites any `ariaXxx` JSX prop to `aria-xxx`, so it never arrived.)
   */
  a11yLabel?: string;
  formType?: 'submit';
}

export function Button({ children, onClick, variant = 'primary', small, inline, disabled, loading, a11yLabel, formType }: ButtonProps) {
  const label = a11yLabel ?? (typeof children === 'string' ? children : undefined);
  // Taro's <Button> has no role on H5 and the Tab key skips it: set role/aria explicitly
  // (WeChat reads aria-role / aria-label on weapp)
  const attrs = a11y('button', { label, disabled: Boolean(disabled || loading) });
  return (
    <TaroButton
      className={`${styles.button} ${styles[variant]}${small ? ` ${styles.small}` : ''}${inline ? ` ${styles.inline}` : ''}`}
      hoverClass={styles.pressed}
      // only pass true: Taro's H5 button renders disabled="false" as a (greyed) disabled attribute
      disabled={disabled || loading ? true : undefined}
      loading={loading ? true : undefined}
      formType={formType}
      onClick={disabled || loading ? undefined : onClick}
      {...attrs}
    >
      {children}
    </TaroButton>
  );
}
