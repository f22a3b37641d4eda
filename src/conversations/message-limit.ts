import { HttpStatus } from '@nestjs/common';
import { ErrorCode } from '../common/errors/error-code';

export const MAX_MESSAGES_PER_CONVERSATION = 1000;

/** The OpenAPI response of a post refused because the conversation is full. */
export const MESSAGE_LIMIT_RESPONSE = {
  status: HttpStatus.CONFLICT,
  description: `The conversation holds ${MAX_MESSAGES_PER_CONVERSATION} messages already (\`${ErrorCode.MessageLimitReached}\`).`,
};
