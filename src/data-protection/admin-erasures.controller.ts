import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { PageQueryDto } from '../common/pagination/page-query.dto';
import { AdminAuth } from '../tenants/guards/auth.decorators';
import { CurrentTenant } from '../tenants/guards/tenant-request';
import { TenantContext } from '../tenants/tenant-context';
import { EraseVisitorDataDto, ErasureDto, ErasureListDto, ErasureStartedDto, toErasureDto } from './dto/erasure.dto';
import { ErasuresService } from './erasures.service';

@ApiTags('Admin: data protection')
@AdminAuth()
@Controller('v1/admin')
export class AdminErasuresController {
  constructor(private readonly erasures: ErasuresService) {}

  /**
   * Erases the conversation now: its messages, its handoffs' visitor email and reason, and what
   * deliveries hold of them (the records stay, marked erased); the conversation then answers 404
   * and its visitor token stops working. The data is then followed where it was delivered.
   */
  @Delete('conversations/:id')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ type: ErasureStartedDto })
  @ApiErrors(HttpStatus.NOT_FOUND)
  async eraseConversation(@CurrentTenant() tenant: TenantContext, @Param('id') id: string): Promise<ErasureStartedDto> {
    const erasure = await this.erasures.eraseConversation(tenant.id, id);
    return { erasureId: erasure.id, conversations: erasure.conversations };
  }

  /** Erases every conversation whose handoff carries the visitor's email, as one conversation is. */
  @Post('erasures')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ type: ErasureStartedDto })
  @ApiErrors(HttpStatus.BAD_REQUEST)
  async eraseVisitorData(@CurrentTenant() tenant: TenantContext, @Body() body: EraseVisitorDataDto): Promise<ErasureStartedDto> {
    const erasure = await this.erasures.eraseByVisitorEmail(tenant.id, body.visitorEmail);
    return { erasureId: erasure.id, conversations: erasure.conversations };
  }

  /** The workspace's erasures, newest first, with each destination's outcome. */
  @Get('erasures')
  @ApiOkResponse({ type: ErasureListDto })
  @ApiErrors(HttpStatus.BAD_REQUEST)
  async listErasures(@CurrentTenant() tenant: TenantContext, @Query() query: PageQueryDto): Promise<ErasureListDto> {
    const page = await this.erasures.list(tenant.id, query.limit, query.cursor);
    return { items: page.items.map(toErasureDto), nextCursor: page.nextCursor };
  }

  /** One erasure with each destination's outcome. */
  @Get('erasures/:id')
  @ApiOkResponse({ type: ErasureDto })
  @ApiErrors(HttpStatus.NOT_FOUND)
  async getErasure(@CurrentTenant() tenant: TenantContext, @Param('id') id: string): Promise<ErasureDto> {
    return toErasureDto(await this.erasures.get(tenant.id, id));
  }
}
