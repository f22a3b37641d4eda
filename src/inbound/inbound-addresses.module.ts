import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SecretCipher } from '../common/crypto/secret-cipher';
import { AppConfig } from '../config/app-config';
import { InboundAddress } from './entities/inbound-address.entity';
import { InboundAddressesRepository } from './inbound-addresses.repository';
import { InboundAddressesService } from './inbound-addresses.service';

/**
 * The helpdesks' inbound addresses alone, so the channels API (delivery) can show them without
 * depending on what answers at them (InboundModule, which needs handoffs and so delivery).
 */
@Module({
  imports: [TypeOrmModule.forFeature([InboundAddress])],
  providers: [
    { provide: SecretCipher, inject: [AppConfig], useFactory: (config: AppConfig) => new SecretCipher(config.encryptionKey) },
    InboundAddressesRepository,
    InboundAddressesService,
  ],
  exports: [InboundAddressesService],
})
export class InboundAddressesModule {}
