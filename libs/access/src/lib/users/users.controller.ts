import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { User, UserList } from '@atelier/contracts';
import { ApiProblems, CurrentScope, IdParamPipe, MinRole, type AccessScope } from '@atelier/platform';
import { CreateUserBody, UpdateUserBody } from '../dto/access.bodies';
import { UsersService } from './users.service';
import { publicUser } from './users.repository';

const userId = new IdParamPipe('user');

@ApiTags('users')
@Controller('users')
@MinRole('admin')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'Every user (admin)' })
  @ApiOkResponse({ description: '{ users }' })
  @ApiProblems(401, 403)
  async list(): Promise<UserList> {
    return { users: await this.users.list() };
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Create a user (admin)' })
  @ApiCreatedResponse({ description: 'User' })
  @ApiProblems(400, 401, 403, 409)
  create(@Body() body: CreateUserBody, @CurrentScope() scope: AccessScope): Promise<User> {
    return this.users.create(scope, { email: body.email, password: body.password, role: body.role, name: body.name });
  }

  @Get(':user_id')
  @ApiOperation({ summary: 'One user (admin)' })
  @ApiOkResponse({ description: 'User' })
  @ApiProblems(401, 403, 404)
  async get(@Param('user_id', userId) id: string): Promise<User> {
    return publicUser(await this.users.get(id));
  }

  @Patch(':user_id')
  @ApiOperation({ summary: "Change a user's role, name, password, or disable it; its sessions end at once (admin)" })
  @ApiOkResponse({ description: 'User' })
  @ApiProblems(400, 401, 403, 404, 409)
  update(@Param('user_id', userId) id: string, @Body() body: UpdateUserBody, @CurrentScope() scope: AccessScope): Promise<User> {
    return this.users.update(scope, id, body);
  }

  @Delete(':user_id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a user; its sessions and API keys stop at once (admin)' })
  @ApiNoContentResponse()
  @ApiProblems(401, 403, 404, 409)
  async delete(@Param('user_id', userId) id: string, @CurrentScope() scope: AccessScope): Promise<void> {
    await this.users.delete(scope, id);
  }
}
