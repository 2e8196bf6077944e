import { AppConfig, parseConfig } from './common/config';
import { bookingConfigSection } from './booking/booking.config';
import { catalogConfigSection } from './catalog/catalog.config';
import { civilAffairsConfigSection } from './civil-affairs/civil-affairs.config';
import { notificationsConfigSection } from './notifications/notifications.config';
import { allowanceConfigSection } from './allowance/allowance.config';
import { ledgerConfigSection } from './allowance/ledger/ledger.config';

import { ConfigError } from './common/config';

export { AppConfig, ConfigError, type AppConfigValues, type DbConfig } from './common/config';

// the app root composes the settings: common's core variables and each module's own section (declared next to the
// module's code; a module left out here fails typecheck). The only place that reads process.env: everything else
// receives AppConfig.
const SECTIONS = [catalogConfigSection, notificationsConfigSection, bookingConfigSection, civilAffairsConfigSection, allowanceConfigSection, ledgerConfigSection] as const;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return new AppConfig(parseConfig(env, SECTIONS));
}

/**
 * The settings of `grant-app-user` (a one-off command run by the schema's owner, not a server setting): the name,
 * password and host pattern of the application's database user.
 */
export function loadAppUserGrant(env: NodeJS.ProcessEnv = process.env): { user: string; password: string; host: string } {
  const user = env.APP_DB_USER;
  const password = env.APP_DB_PASSWORD;
  if (!user || !password) throw new ConfigError('APP_DB_USER and APP_DB_PASSWORD: required (APP_DB_HOST: optional, default %)');
  return { user, password, host: env.APP_DB_HOST || '%' };
}
