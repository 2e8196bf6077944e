import { serviceWord, type ServiceWord } from '@jianban/shared';
import { z } from 'zod';

const storedWords = z.array(serviceWord);
// the stored words of a service (words_json), checked against the contract
export const parseStoredServiceWords = (json: string): ServiceWord[] => storedWords.parse(JSON.parse(json));
