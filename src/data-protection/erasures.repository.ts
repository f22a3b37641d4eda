import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { CursorPosition } from '../common/pagination/cursor';
import { DestinationOutcome, ErasureDestination } from './entities/erasure-destination.entity';
import { Erasure } from './entities/erasure.entity';

/** A destination to record: what an erasure follows, and how. */
export interface NewDestination {
  handoffId: string;
  channel: string;
  externalId: string | null;
  deliveryId: string | null;
  outcome: DestinationOutcome;
  note: string | null;
}

/** The `erasures` and `erasure_destinations` tables. */
@Injectable()
export class ErasuresRepository {
  constructor(@InjectRepository(Erasure) private readonly erasures: Repository<Erasure>) {}

  /** Records an erasure and its destinations inside the caller's transaction. */
  async create(manager: EntityManager, tenantId: string, emailHash: string | null, conversations: number, destinations: NewDestination[]): Promise<Erasure> {
    const erasure = await manager.save(Erasure, manager.create(Erasure, { tenantId, emailHash, conversations }));
    if (destinations.length > 0) {
      await manager.insert(
        ErasureDestination,
        destinations.map((destination) => ({ ...destination, erasureId: erasure.id })),
      );
    }
    return erasure;
  }

  /** The tenant's erasure with its destinations, or null (also for another tenant's id). */
  findForTenant(tenantId: string, id: string): Promise<Erasure | null> {
    return this.erasures.findOne({ where: { id, tenantId }, relations: { destinations: true }, order: { destinations: { handoffId: 'ASC', channel: 'ASC' } } });
  }

  /** One page of the tenant's erasures with their destinations, newest first; one more than `limit`. */
  page(tenantId: string, limit: number, position?: CursorPosition): Promise<Erasure[]> {
    const query = this.erasures
      .createQueryBuilder('e')
      .leftJoinAndSelect('e.destinations', 'destination')
      .where('e.tenant_id = :tenantId', { tenantId })
      .orderBy('e.created_at', 'DESC')
      .addOrderBy('e.id', 'DESC');
    if (position) query.andWhere('(e.created_at, e.id) < (:createdAt, :id)', position);
    // take() pages by erasure, not by joined row.
    return query.take(limit + 1).getMany();
  }
}
