import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RateLimitModule } from '../rate-limit/rate-limit.module';
import { TenantsModule } from '../tenants/tenants.module';
import { AdminConversationsController } from './admin-conversations.controller';
import { ConversationsRepository } from './conversations.repository';
import { ConversationsService } from './conversations.service';
import { Conversation } from './entities/conversation.entity';
import { Message } from './entities/message.entity';
import { EscalationIntentDetector, RulesAndModelEscalationDetector } from './escalation/escalation-intent.service';
import { VisitorTokenGuard } from './guards/visitor-token.guard';
import { WidgetConversationsController } from './widget-conversations.controller';

@Module({
  imports: [TypeOrmModule.forFeature([Conversation, Message]), TenantsModule, RateLimitModule],
  controllers: [WidgetConversationsController, AdminConversationsController],
  providers: [
    ConversationsRepository,
    ConversationsService,
    VisitorTokenGuard,
    { provide: EscalationIntentDetector, useClass: RulesAndModelEscalationDetector },
  ],
  exports: [ConversationsService, VisitorTokenGuard],
})
export class ConversationsModule {}
