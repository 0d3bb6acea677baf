import { SetMetadata } from '@nestjs/common';
import { IS_PUBLIC_METADATA } from '../auth.constants';

/** Opens an endpoint (or a whole controller) to callers without a token. */
export const Public = () => SetMetadata(IS_PUBLIC_METADATA, true);
