import { AppConfig, parseConfig } from './common/config';
import { bookingConfigSection } from './booking/booking.config';
import { catalogConfigSection } from './catalog/catalog.config';
import { civilAffairsConfigSection } from './civil-affairs/civil-affairs.config';
import { notificationsConfigSection } from './notifications/notifications.config';
import { allowanceConfigSection } from './allowance/allowance.config';
import { ledgerConfigSection } from './allowance/ledger/ledger.config';

export { AppConfig, ConfigError, type AppConfigValues, type DbConfig } from './common/config';

// the app root composes the settings: common's core variables and each module's own section (declared next to the
// module's code; a module left out here fails typecheck). The only place that reads process.env: everything else
// receives AppConfig.
const SECTIONS = [catalogConfigSection, notificationsConfigSection, bookingConfigSection, civilAffairsConfigSection, allowanceConfigSection, ledgerConfigSection] as const;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return new AppConfig(parseConfig(env, SECTIONS));
}
